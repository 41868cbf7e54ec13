import { Injectable } from '@nestjs/common';
import { ArtifactClient, ArtifactClientException, ArtifactClientExceptionCode } from '@webbyflow/artifact-client';
import { BrowserStorageState, invalidBrowserOption, type BrowserProfileLoader } from '@webbyflow/browser';
import type { ArtifactRefV1 } from '@webbyflow/contracts';

export interface ProfileOwner {
  orgId: string;
  taskId: string;
}

/**
 * Saved browser profiles (cookies and local storage as Playwright storage state) kept in artifact-svc as
 * `browser_state` artifacts: read when a task opens with `profileArtifactId`, written when one closes with
 * `saveProfile`. A profile holds live session cookies, so its bytes are never logged.
 */
@Injectable()
export class BrowserProfiles {
  constructor(private readonly artifacts: ArtifactClient) {}

  /** Loads profiles of the org only: artifact-svc answers NOT_FOUND for another org's artifact. */
  loaderFor(orgId: string): BrowserProfileLoader {
    return async (profileId, signal) => {
      try {
        // The shape check is what matters: any other artifact (a screenshot, a tree) fails it.
        return await this.artifacts.downloadJson(profileId, orgId, BrowserStorageState, signal);
      } catch (error) {
        throw asOptionError(error, profileId);
      }
    };
  }

  async save(owner: ProfileOwner, state: BrowserStorageState, signal?: AbortSignal): Promise<ArtifactRefV1> {
    return this.artifacts.upload(
      {
        ...owner,
        kind: 'browser_state',
        contentType: 'application/json',
        body: Buffer.from(JSON.stringify(state), 'utf8'),
      },
      signal,
    );
  }
}

/** A profile that is missing or not a profile is the task's mistake (terminal); an outage is retried. */
function asOptionError(error: unknown, profileId: string): unknown {
  if (!(error instanceof ArtifactClientException)) return error;
  switch (error.code) {
    case ArtifactClientExceptionCode.NOT_FOUND:
      return invalidBrowserOption('profileArtifactId', `names no saved profile of this org (${profileId})`, error);
    case ArtifactClientExceptionCode.INVALID_RESPONSE:
      return invalidBrowserOption('profileArtifactId', `does not name a saved browser profile (${profileId})`, error);
    case ArtifactClientExceptionCode.TOO_LARGE:
    case ArtifactClientExceptionCode.INVALID_REQUEST:
    case ArtifactClientExceptionCode.UNAVAILABLE:
      return error;
  }
}
