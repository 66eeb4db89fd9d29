// A component whose code is fetched the first time it is shown, so that what only a click opens
// (dialogs, the reaction bar) stays out of the first load (the 60 kB budget, docs/features.md).
// Until its chunk has loaded it renders nothing; a failed load is tried again the next time.

import { type ComponentType, type FunctionComponent, h } from 'preact';
import { useEffect, useState } from 'preact/hooks';

export function lazyComponent<P extends object>(load: () => Promise<ComponentType<P>>): FunctionComponent<P> {
  let loaded: ComponentType<P> | null = null;
  let loading: Promise<ComponentType<P>> | null = null;
  return function LazyComponent(props: P) {
    const [, setReady] = useState(loaded !== null);
    useEffect(() => {
      if (loaded) return;
      let shown = true;
      loading ??= load().then((component) => {
        loaded = component;
        return component;
      });
      loading.then(
        () => shown && setReady(true),
        () => {
          loading = null;
        },
      );
      return () => {
        shown = false;
      };
    }, []);
    return loaded ? h(loaded, props) : null;
  };
}
