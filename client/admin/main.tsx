// Entry point of the /admin page (client/admin.html, a separate Vite entry: none of this loads with
// the chat page). Talks to this origin's /api/admin with the token the operator types in.

import { render } from 'preact';
import { AdminApp } from './admin-app';
import { createAdminStore } from './admin-store';
import './admin.css';

const store = createAdminStore(location.origin);

render(<AdminApp store={store} />, document.getElementById('admin')!);
