import type { CDPSession, Frame } from 'playwright-core';
import { registerClosedRoot, tagClosedHosts } from './scrape-expression';
import type { PageKeys } from './scrape.types';

/** Playwright's answer for a frame that lives in its parent's renderer (not out of process). */
const NOT_OWN_SESSION = /does not have a separate CDP session/i;
const OBJECT_GROUP = 'webbyflow-closed-roots';
/** Marks the hosts of closed roots for the duration of the pass. */
const HOST_ATTRIBUTE = 'data-wf-closed-host';

/**
 * Page scripts can't see into closed shadow roots; the DevTools protocol can. The init script notes the
 * hosts of closed roots; the pass tags them, finds them with one DOM.performSearch (which looks through
 * every shadow tree and the same-process frames below), reads each host's closed root with
 * DOM.describeNode, resolves it to a JS object and files it under its host in the page
 * (registerClosedRoot), where the scrape script and the `wfid=` selector engine find it. It costs a few
 * round trips per root, not a dump of the whole DOM, and runs only when the init script counted closed
 * roots the scrape has not registered yet. Declarative closed roots (`<template shadowrootmode>`) are not
 * noted by the init script and stay out of reach.
 */
export async function registerClosedShadowRoots(frame: Frame, keys: PageKeys): Promise<number> {
  await frame.evaluate(tagClosedHosts, { keys, attribute: HOST_ATTRIBUTE, done: false });
  try {
    const cdp = await sessionOf(frame);
    try {
      return await registerTagged(cdp, keys.closedRoots);
    } finally {
      await cdp.detach().catch(() => undefined);
    }
  } finally {
    await frame.evaluate(tagClosedHosts, { keys, attribute: HOST_ATTRIBUTE, done: true });
  }
}

async function registerTagged(cdp: CDPSession, key: string): Promise<number> {
  await cdp.send('DOM.getDocument', { depth: 0 });
  const { searchId, resultCount } = await cdp.send('DOM.performSearch', { query: `[${HOST_ATTRIBUTE}]` });
  const { nodeIds } = resultCount
    ? await cdp.send('DOM.getSearchResults', { searchId, fromIndex: 0, toIndex: resultCount })
    : { nodeIds: [] };
  await cdp.send('DOM.discardSearchResults', { searchId });
  const counts = await Promise.all(nodeIds.map((nodeId) => registerRootsOf(cdp, nodeId, key)));
  await cdp.send('Runtime.releaseObjectGroup', { objectGroup: OBJECT_GROUP });
  return counts.reduce((sum, count) => sum + count, 0);
}

/** The DevTools session of the renderer that holds the frame: its own when out of process, else an ancestor's. */
async function sessionOf(frame: Frame): Promise<CDPSession> {
  const context = frame.page().context();
  for (let current: Frame | null = frame; current?.parentFrame(); current = current.parentFrame()) {
    try {
      return await context.newCDPSession(current);
    } catch (error) {
      if (!(error instanceof Error) || !NOT_OWN_SESSION.test(error.message)) throw error;
    }
  }
  return context.newCDPSession(frame.page());
}

async function registerRootsOf(cdp: CDPSession, nodeId: number, key: string): Promise<number> {
  const { node } = await cdp.send('DOM.describeNode', { nodeId, depth: 1, pierce: true });
  const closed = (node.shadowRoots ?? []).filter((root) => root.shadowRootType === 'closed');
  for (const root of closed) {
    const { object } = await cdp.send('DOM.resolveNode', {
      backendNodeId: root.backendNodeId,
      objectGroup: OBJECT_GROUP,
    });
    if (!object.objectId) continue;
    await cdp.send('Runtime.callFunctionOn', {
      objectId: object.objectId,
      functionDeclaration: registerClosedRoot.toString(),
      arguments: [{ value: key }],
    });
  }
  return closed.length;
}
