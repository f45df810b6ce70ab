// @vitest-environment jsdom
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import type { MethodOutput } from '../../../shared/contract/ipc.ts';
import { OfflineScreen } from '../../../renderer/src/features/offline/OfflineScreen.tsx';
import { answer, failure, fakeMain, never, type FakeHandlers } from './fake-bridge.ts';
import { ADDRESS_1, ADDRESS_2, HASH, vaultAccount, vaultStatus } from './fixtures.ts';
import { renderApp, renderScreen } from './render.tsx';

type Envelope = MethodOutput<'offline.createRequest'>;
const TX_ID = 'ef'.repeat(32);
const PUBLIC_KEY = 'cd'.repeat(32);
const watch = vaultAccount({
  id: 'watch-1',
  kind: 'watch',
  label: 'Cold storage',
  address: ADDRESS_2,
  publicKey: PUBLIC_KEY,
  mnemonicId: null,
  index: null,
  path: null,
});
const appInfo = (mode: 'online' | 'offline') => () =>
  answer({ name: 'consortia', version: '0.1.0', platform: 'linux-x64', dataDir: '/tmp/x', host: 'web' as const, mode });
const summary = [
  { label: 'Send', value: '2.5 CNS' },
  { label: 'To', value: ADDRESS_1 },
];

function envelope(kind: 'request' | 'reply', frames = 3): Envelope {
  return {
    id: 'req-12345678',
    kind,
    fileName: `consortia-${kind}-req-1234.json`,
    fileText: `{"kind":"${kind}"}\n`,
    frames: Array.from({ length: frames }, (_, index) => ({
      part: `UR:BYTES/${index + 1}-${frames}/PART`,
      image: `data:image/png;base64,frame${index + 1}`,
    })),
    summary,
  };
}

const scanned = (kind: 'request' | 'reply') =>
  answer({
    done: true as const,
    sessionId: 's-1',
    kind,
    envelopeId: `env-${kind}`,
    chainId: 'consortia-devnet-1',
    from: ADDRESS_2,
    summary,
  });

function online(overrides: FakeHandlers = {}): FakeHandlers {
  return {
    'app.info': appInfo('online'),
    'vault.status': () => answer(vaultStatus({ accounts: [vaultAccount(), watch] })),
    ...overrides,
  };
}
function offline(overrides: FakeHandlers = {}): FakeHandlers {
  return { 'app.info': appInfo('offline'), 'vault.status': () => answer(vaultStatus()), ...overrides };
}

const jsonFile = (text: string) => new File([text], 'reply.json', { type: 'application/json' });
const originalMediaDevices = Object.getOwnPropertyDescriptor(navigator, 'mediaDevices');
afterEach(() => {
  if (originalMediaDevices) Object.defineProperty(navigator, 'mediaDevices', originalMediaDevices);
  else delete (navigator as { mediaDevices?: unknown }).mediaDevices;
});

describe('offline signing, online window', () => {
  it('shows loading while the app and vault are on their way', async () => {
    renderScreen(<OfflineScreen />, fakeMain({ 'app.info': never }).bridge);
    expect(await screen.findByText('Loading…')).toBeInTheDocument();
  });

  it('shows an error as the next step', async () => {
    renderScreen(
      <OfflineScreen />,
      fakeMain({
        'app.info': appInfo('online'),
        'vault.status': () => failure('TAMPERED', 'The vault file failed its check.'),
      }).bridge,
    );
    expect(await screen.findByRole('alert')).toHaveTextContent('The vault file failed its check.');
  });

  it('asks for a watch-only address first when the vault has no account, and adds one with its public key', async () => {
    const user = userEvent.setup();
    const main = fakeMain(
      online({
        'vault.status': () => answer(vaultStatus({ accounts: [] })),
        'vault.addWatchOnly': () => answer(watch),
      }),
    );
    renderScreen(<OfflineScreen />, main.bridge);
    expect(await screen.findByText('Add a watch-only address first.')).toBeInTheDocument();
    await user.click(screen.getByText('Add a watch-only address'));
    await user.type(screen.getByLabelText('Address'), ADDRESS_2);
    await user.type(screen.getByLabelText('Public key'), 'abc');
    expect(screen.getByLabelText('Public key')).toHaveAttribute('aria-invalid', 'true');
    await user.clear(screen.getByLabelText('Public key'));
    await user.type(screen.getByLabelText('Public key'), PUBLIC_KEY);
    await user.type(screen.getByLabelText('Name (optional)'), 'Cold storage');
    await user.click(screen.getByRole('button', { name: 'Add the address' }));
    expect(main.callsOf('vault.addWatchOnly')).toEqual([
      { address: ADDRESS_2, publicKey: PUBLIC_KEY, label: 'Cold storage' },
    ]);
  });

  it('makes a request for the watch-only account and shows it as an animated QR code and a file', async () => {
    const user = userEvent.setup();
    const main = fakeMain(online({ 'offline.createRequest': () => answer(envelope('request')) }));
    renderScreen(<OfflineScreen />, main.bridge);
    const form = await screen.findByRole('region', { name: 'Make a signing request' });
    expect(within(form).getByLabelText('Account')).toHaveDisplayValue(/Cold storage/);
    await user.type(within(form).getByLabelText('Recipient address'), ADDRESS_1);
    await user.type(within(form).getByLabelText(/Amount/), '2.5');
    await user.click(within(form).getByRole('button', { name: 'Make the request' }));
    expect(main.callsOf('offline.createRequest')).toEqual([
      { accountId: 'watch-1', intent: { type: 'transfer', to: ADDRESS_1, amount: '2500000' } },
    ]);
    const out = await within(form).findByTestId('request-out');
    expect(within(out).getByText('2.5 CNS')).toBeInTheDocument();
    await user.click(within(out).getByRole('button', { name: 'Pause' }));
    const counter = within(out).getByTestId('qr-counter');
    const shown = Number(/Frame (\d) of 3/.exec(counter.textContent ?? '')![1]);
    await user.click(within(out).getByRole('button', { name: 'Next frame' }));
    expect(counter).toHaveTextContent(`Frame ${(shown % 3) + 1} of 3`);
    expect(within(out).getByTestId('qr-frame')).toHaveAttribute('src', `data:image/png;base64,frame${(shown % 3) + 1}`);
    expect(within(out).getByRole('button', { name: 'Play' })).toHaveAttribute('aria-pressed', 'true');
    const save = within(out).getByRole('link', { name: 'Save file' });
    expect(save).toHaveAttribute('download', 'consortia-request-req-1234.json');
    expect(decodeURIComponent(save.getAttribute('href')!.split(',')[1]!)).toBe('{"kind":"request"}\n');
  });

  it('makes a stake request by choosing the type, and shows the wallet’s refusal', async () => {
    const user = userEvent.setup();
    const main = fakeMain(
      online({
        'offline.createRequest': () => failure('REJECTED', 'only members may stake; apply for membership first'),
      }),
    );
    renderScreen(<OfflineScreen />, main.bridge);
    const form = await screen.findByRole('region', { name: 'Make a signing request' });
    await user.selectOptions(within(form).getByLabelText('Transaction'), 'stake');
    await user.type(within(form).getByLabelText(/Amount/), '10');
    await user.click(within(form).getByRole('button', { name: 'Make the request' }));
    expect(main.callsOf('offline.createRequest')).toEqual([
      { accountId: 'watch-1', intent: { type: 'stake', amount: '10000000' } },
    ]);
    expect(await within(form).findByRole('alert')).toHaveTextContent('only members may stake');
  });

  it('imports the reply file, shows its summary, broadcasts it and follows it to final', async () => {
    const user = userEvent.setup();
    let followed: MethodOutput<'wallet.transaction'> = {
      txId: TX_ID,
      from: ADDRESS_2,
      type: 'transfer',
      state: 'pending',
      submittedAt: 1,
    };
    const main = fakeMain(
      online({
        'offline.importFile': () => scanned('reply'),
        'offline.broadcast': () => answer({ txId: TX_ID }),
        'wallet.transaction': () => answer(followed),
      }),
    );
    renderScreen(<OfflineScreen />, main.bridge);
    const reply = await screen.findByRole('region', { name: 'Import the signed reply' });
    await user.upload(within(reply).getByTestId('reply-file'), jsonFile('{"reply":true}'));
    expect(main.callsOf('offline.importFile')).toEqual([{ text: '{"reply":true}' }]);
    expect(
      await within(reply).findByText('Signed reply read and checked. Broadcast it to send the transaction.'),
    ).toBeInTheDocument();
    expect(within(reply).getByText('2.5 CNS')).toBeInTheDocument();
    await user.click(within(reply).getByRole('button', { name: 'Broadcast' }));
    expect(main.callsOf('offline.broadcast')).toEqual([{ envelopeId: 'env-reply' }]);
    expect(await within(reply).findByTestId('tx-state')).toHaveAttribute('data-state', 'pending');
    expect(within(reply).getByText('Waiting for the network to include it…')).toBeInTheDocument();
    followed = { ...followed, state: 'final', verifiedAt: { height: 1210, blockHash: HASH } };
    main.emit('wallet.transaction', followed);
    expect(await within(reply).findByText('Final at height 1,210, proof checked.')).toBeInTheDocument();
    expect(within(reply).getByTestId('tx-state')).toHaveAttribute('data-state', 'final');
  });

  it('shows a refused reply (a request brought to the wrong window) as the next step', async () => {
    const user = userEvent.setup();
    const main = fakeMain(
      online({
        'offline.importFile': () =>
          failure('VALIDATION', 'This is an unsigned signing request: scan it in the offline window.'),
      }),
    );
    renderScreen(<OfflineScreen />, main.bridge);
    const reply = await screen.findByRole('region', { name: 'Import the signed reply' });
    await user.upload(within(reply).getByTestId('reply-file'), jsonFile('{}'));
    expect(await within(reply).findByRole('alert')).toHaveTextContent('scan it in the offline window');
  });

  it('asks for the camera only on the button, and says what to do when it is not allowed', async () => {
    const user = userEvent.setup();
    const asked: unknown[] = [];
    // The browser's camera is a boundary we do not own: a refusal is what a person clicking "Block" produces.
    Object.defineProperty(navigator, 'mediaDevices', {
      configurable: true,
      value: {
        getUserMedia: (constraints: unknown) => (
          asked.push(constraints),
          Promise.reject(new DOMException('Permission denied', 'NotAllowedError'))
        ),
      },
    });
    renderScreen(<OfflineScreen />, fakeMain(online()).bridge);
    const reply = await screen.findByRole('region', { name: 'Import the signed reply' });
    expect(asked).toEqual([]);
    await user.click(within(reply).getByRole('button', { name: 'Scan with the camera' }));
    const alert = await within(reply).findByRole('alert');
    expect(alert).toHaveTextContent('The camera was not allowed');
    expect(alert).toHaveTextContent('import the pictures or the file instead');
    expect(asked).toHaveLength(1);
    await user.click(within(reply).getByRole('button', { name: 'Stop the camera' }));
    expect(within(reply).queryByRole('alert')).not.toBeInTheDocument();
  });

  it('says so when the window has no camera at all', async () => {
    const user = userEvent.setup();
    Object.defineProperty(navigator, 'mediaDevices', { configurable: true, value: undefined });
    renderScreen(<OfflineScreen />, fakeMain(online()).bridge);
    await user.click(await screen.findByRole('button', { name: 'Scan with the camera' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('No camera access here');
  });
});

describe('offline signing, offline window', () => {
  it('shows the keys this signer holds, or says it holds none', async () => {
    const { unmount } = renderScreen(<OfflineScreen />, fakeMain(offline()).bridge);
    expect(await screen.findByRole('heading', { level: 1, name: 'Offline signer' })).toBeInTheDocument();
    expect(await screen.findByTestId('signer-address')).toHaveTextContent(ADDRESS_1);
    expect(screen.getByTestId('signer-public-key')).toHaveTextContent(PUBLIC_KEY);
    unmount();
    renderScreen(
      <OfflineScreen />,
      fakeMain(offline({ 'vault.status': () => answer(vaultStatus({ accounts: [] })) })).bridge,
    );
    expect(await screen.findByText('This vault holds no key yet.')).toBeInTheDocument();
  });

  it('imports a request, shows the summary computed here, signs it and shows the reply as QR and file', async () => {
    const user = userEvent.setup();
    const main = fakeMain(
      offline({ 'offline.importFile': () => scanned('request'), 'offline.sign': () => answer(envelope('reply', 2)) }),
    );
    renderScreen(<OfflineScreen />, main.bridge);
    const sign = await screen.findByRole('region', { name: 'Sign a request' });
    await user.upload(within(sign).getByTestId('request-file'), jsonFile('{"request":true}'));
    expect(
      await within(sign).findByText('Signing request read. Check what it does before signing.'),
    ).toBeInTheDocument();
    expect(within(sign).getByText('2.5 CNS')).toBeInTheDocument();
    await user.click(within(sign).getByRole('button', { name: 'Sign' }));
    expect(main.callsOf('offline.sign')).toEqual([{ envelopeId: 'env-request' }]);
    const out = await within(sign).findByTestId('reply-out');
    expect(within(out).getByTestId('qr-counter')).toHaveTextContent(/Frame [12] of 2/);
    expect(within(out).getByRole('link', { name: 'Save file' })).toHaveAttribute(
      'download',
      'consortia-reply-req-1234.json',
    );
  });

  it('shows a sign refusal (no key for the sender) as the next step', async () => {
    const user = userEvent.setup();
    const main = fakeMain(
      offline({
        'offline.importFile': () => scanned('request'),
        'offline.sign': () =>
          failure('NOT_FOUND', `This vault holds no key for ${ADDRESS_2}, the sender of this request.`),
      }),
    );
    renderScreen(<OfflineScreen />, main.bridge);
    const sign = await screen.findByRole('region', { name: 'Sign a request' });
    await user.upload(within(sign).getByTestId('request-file'), jsonFile('{}'));
    await user.click(await within(sign).findByRole('button', { name: 'Sign' }));
    expect(await within(sign).findByRole('alert')).toHaveTextContent('holds no key for');
  });

  it('the shell shows the offline badge and only the screens that work without a network', async () => {
    renderApp(fakeMain(offline()).bridge);
    expect(await screen.findByTestId('offline-badge')).toHaveTextContent('Offline mode — no network');
    const nav = screen.getByRole('navigation', { name: 'Main navigation' });
    expect(
      within(nav)
        .getAllByRole('link')
        .map((link) => link.querySelector('.nav-label')?.textContent),
    ).toEqual(['Offline signing', 'Settings']);
    expect(await screen.findByRole('heading', { level: 1, name: 'Offline signer' })).toBeInTheDocument();
  });
});
