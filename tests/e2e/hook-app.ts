// The page both React environments render (the in-page bundle of prepare.ts and the Next.js
// app of next-app.ts): the e2e program's hooks, every render and callback recorded, a child
// component the scenario can unmount, and the `ReactApp` that react-scenario.ts drives. It is
// handed the generated modules, which each app imports from its own baml_client. Plain
// `createElement` instead of JSX, so that it type-checks with the repository's own settings.

import { createElement, Fragment, useEffect, useState } from 'react';
import type { ReactApp } from './react-scenario.js';

type Hook = (props: ReturnType<typeof recorder>) => any;
type Callbacks = ReactApp['callbacks'];

/** Callbacks that record each call as [hook, callback name, value]. */
function recorder(callbacks: Callbacks, hook: string) {
  return {
    onStreamData: (v: unknown) => callbacks.push([hook, 'onStreamData', v]),
    onFinalData: (v: unknown) => callbacks.push([hook, 'onFinalData', v]),
    onData: (v: unknown) => callbacks.push([hook, 'onData', v]),
    onError: (e: unknown) => callbacks.push([hook, 'onError', e]),
  };
}

export interface HookModules {
  /** react/hooks (over the server actions). */
  hooks: Record<
    | 'useExtractPerson'
    | 'useExtractPersonSlow'
    | 'useExtractPersonUnauthorized'
    | 'useExtractPersonFromPhoto',
    Hook
  >;
  /** react/serve_hooks, where the app has tsbaml serve behind it. */
  served?: Record<'useExtractPerson' | 'useExtractPersonSlow', Hook>;
  Image: ReactApp['Image'];
  errors: Pick<ReactApp, 'BamlClientHttpError' | 'BamlError'>;
}

/** `Hooks`, the component to render, and `app`, what the scenario drives once it rendered. */
export function hookApp(modules: HookModules) {
  const renders: ReactApp['renders'] = [];
  const callbacks: Callbacks = [];
  const record = (hook: string) => recorder(callbacks, hook);
  let current: Record<string, any> | undefined;
  let servedCurrent: Record<string, any> | undefined;
  let childHook: any;
  const recordRenders = (rendered: Record<string, any>) => {
    for (const [hook, h] of Object.entries(rendered))
      renders.push({ hook, status: h.status, data: h.data });
  };
  let unmountChild = () => {};

  /** A component of its own, so that the scenario can unmount it while its call runs. */
  function Child() {
    const hook = modules.hooks.useExtractPersonSlow(record('child'));
    useEffect(() => {
      childHook = hook;
    });
    useEffect(
      () => () => {
        childHook = undefined;
      },
      [],
    );
    return null;
  }

  function Hooks() {
    const { hooks } = modules;
    const rendered: Record<string, any> = {
      ok: hooks.useExtractPerson(record('ok')),
      slow: hooks.useExtractPersonSlow(record('slow')),
      bad: hooks.useExtractPersonUnauthorized(record('bad')),
      photo: hooks.useExtractPersonFromPhoto(record('photo')),
    };
    const [child, setChild] = useState(true);
    unmountChild = () => setChild(false);
    current = rendered;
    recordRenders(rendered);
    return createElement(
      Fragment,
      null,
      child ? createElement(Child) : null,
      modules.served ? createElement(ServedHooks, { served: modules.served }) : null,
      createElement('pre', null, JSON.stringify(rendered.ok.data)),
    );
  }

  /** The serve hooks, in a component of their own: only apps with tsbaml serve render it. */
  function ServedHooks({ served }: { served: NonNullable<HookModules['served']> }) {
    const rendered = {
      servedOk: served.useExtractPerson(record('servedOk')),
      servedSlow: served.useExtractPersonSlow(record('servedSlow')),
    };
    servedCurrent = rendered;
    recordRenders(rendered);
    return null;
  }

  const app: ReactApp = {
    hooks: () =>
      ({ ...current, ...servedCurrent, child: childHook }) as ReturnType<ReactApp['hooks']>,
    unmountChild: () => unmountChild(),
    Image: modules.Image,
    renders,
    callbacks,
    ...modules.errors,
  };
  const isRendered = () =>
    current !== undefined && (!modules.served || servedCurrent !== undefined);
  return { Hooks, app, rendered: isRendered };
}
