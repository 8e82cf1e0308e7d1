import { ApolloLink, gql } from '@apollo/client';
import { Observable } from 'rxjs';
import { describe, expect, it, vi } from 'vitest';
import { createApolloClient, oneAnswerPerTask, startApolloClient } from './apollo-client';

const nextTask = () => new Promise((resolve) => setTimeout(resolve, 0));

describe("the app's Apollo client", () => {
  it('is made, and the first page preloaded with it, in a task of its own, or at once when the app asks for it first', async () => {
    const preload = vi.fn();
    startApolloClient(preload);
    expect(preload).not.toHaveBeenCalled();
    await nextTask();
    expect(preload).toHaveBeenCalledTimes(1);
    expect(createApolloClient()).toBe(preload.mock.calls[0]?.[0]);

    const early = vi.fn();
    startApolloClient(early);
    const client = createApolloClient();
    expect(early).toHaveBeenCalledTimes(1);
    expect(early.mock.calls[0]?.[0]).toBe(client);
    await nextTask();
    expect(early).toHaveBeenCalledTimes(1);
  });

  it('hands each answer of a batch over in a task of its own, in order', async () => {
    const seen: string[] = [];
    // The batch's answers arrive together (synchronously, here).
    const batch = new ApolloLink(
      (operation) =>
        new Observable((observer) => {
          observer.next({ data: { name: operation.operationName } });
          observer.complete();
        }),
    );
    const link = oneAnswerPerTask.concat(batch);
    const client = createApolloClient();
    for (const name of ['First', 'Second']) {
      ApolloLink.execute(link, { query: gql(`query ${name} { viewer { id } }`) }, { client }).subscribe({
        next: (answer) => {
          seen.push(String(answer.data?.['name']));
          // Runs before the next answer only if that answer comes in a later task.
          queueMicrotask(() => seen.push(`after ${name}`));
        },
        complete: () => seen.push(`${name} complete`),
      });
    }
    expect(seen).toEqual([]);
    await nextTask();
    expect(seen).toEqual(['First', 'after First', 'First complete', 'Second', 'after Second', 'Second complete']);
  });
});
