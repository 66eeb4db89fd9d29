// Browser entry point: mounts the Preact app.

import { render } from 'preact';

function App() {
  return <main>ChatSpace</main>;
}

render(<App />, document.getElementById('app')!);
