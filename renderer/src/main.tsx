import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App.tsx';
import { connectBridge } from './bridge.ts';
import './styles.css';

const root = createRoot(document.getElementById('root')!);
try {
  const bridge = connectBridge();
  root.render(
    <StrictMode>
      <App bridge={bridge} />
    </StrictMode>,
  );
} catch (error) {
  root.render(<p role="alert" className="fatal">{(error as Error).message}</p>);
}
