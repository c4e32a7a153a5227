// A view's query whose answer is no longer wanted (its key changed, the view closed) gives its call up, so a long
// one (scoring, the board) stops in the service instead of running on for nobody.
import { act, render } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { createAppStore, StoreProvider } from '../../renderer/store';
import { useApiQuery } from '../../renderer/useApiQuery';
import { createFakeTransport, registerInfo } from './fake-transport';

function Scores({ days }: { days: number }) {
  const board = useApiQuery(`board:${days}`, (api) => api.board.summary({ periodDays: days }));
  return <p>{board.data ? 'ready' : 'waiting'}</p>;
}

describe('queries no longer wanted', () => {
  it('give up their call when the key changes and when the view goes', async () => {
    const fake = createFakeTransport({ 'register.info': () => registerInfo('A', 'Register A'), 'vendors.list': () => ({ rows: [], total: 0 }), 'board.summary': () => ({}) });
    const app = createAppStore(fake.transport);
    await app.store.getState().loadRegister();
    const asked = () => fake.calls.filter((c) => c.method === 'board.summary');

    fake.holdNext('board.summary');
    const view = render(
      <StoreProvider value={app}>
        <Scores days={91} />
      </StoreProvider>,
    );
    await act(async () => undefined);
    expect(asked().map((c) => c.signal?.aborted)).toEqual([false]);

    fake.holdNext('board.summary');
    view.rerender(
      <StoreProvider value={app}>
        <Scores days={30} />
      </StoreProvider>,
    );
    await act(async () => undefined);
    expect(asked().map((c) => [(c.args as { periodDays: number }).periodDays, c.signal?.aborted])).toEqual([
      [91, true],
      [30, false],
    ]);
    view.unmount();
    expect(asked().map((c) => c.signal?.aborted)).toEqual([true, true]);
    fake.releaseHeld();
  });
});
