// Entry point of the /admin page (client/admin.html, a separate Vite entry: none of this loads with
// the chat page). Talks to this origin's /api/admin with the token the operator types in.

import { render } from 'preact';
import { AdminApp } from './admin-app';
import { createAdminStore } from './admin-store';
import './admin.css';

const store = createAdminStore(location.origin);

const root = document.getElementById('admin');
if (!root) throw new Error('admin.html has no #admin element');
render(<AdminApp store={store} />, root);
