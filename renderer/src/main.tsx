import { StrictMode, useEffect, useState } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App.tsx';
import { LinkProblem } from './app/LinkProblem.tsx';
import { connectBridge, type LinkProblem as Problem } from './bridge.ts';
import { I18nProvider } from './i18n/I18nProvider.tsx';
import { fragmentHasToken } from './transport/web.ts';
import './styles.css';

// A new link pasted into this tab changes only the fragment, which loads nothing: start again with its token.
window.addEventListener('hashchange', () => {
  if (fragmentHasToken(window.location.hash)) window.location.reload();
});

// The transport may report before Root mounts: keep the last word for it.
let lastProblem: Problem | null = null;
let report: (problem: Problem | null) => void = () => undefined;
const bridge = connectBridge((problem) => {
  lastProblem = problem;
  report(problem);
});

/** The app, or, while the host refuses this tab or is away, what to do about it (the app stays mounted underneath). */
function Root() {
  const [problem, setProblem] = useState<Problem | null>(lastProblem);
  useEffect(() => {
    report = setProblem;
    setProblem(lastProblem);
    return () => {
      report = () => undefined;
    };
  }, []);
  if (!bridge) {
    return (
      <I18nProvider>
        <LinkProblem problem="missing" />
      </I18nProvider>
    );
  }
  return (
    <>
      {problem && (
        <I18nProvider>
          <LinkProblem problem={problem} />
        </I18nProvider>
      )}
      <div hidden={problem !== null}>
        <App bridge={bridge} />
      </div>
    </>
  );
}

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <Root />
  </StrictMode>,
);
