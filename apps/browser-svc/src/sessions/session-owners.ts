import { Injectable } from '@nestjs/common';

/** The org of a run and the id of the open_session command that opened its session. */
export interface SessionOwner {
  orgId: string;
  cause: string;
}

/** Who each live session belongs to, so the instance can report its sessions when they are lost. */
@Injectable()
export class SessionOwners {
  private readonly owners = new Map<string, SessionOwner>();

  add(taskId: string, orgId: string, cause: string): void {
    this.owners.set(taskId, { orgId, cause });
  }

  get(taskId: string): SessionOwner | undefined {
    return this.owners.get(taskId);
  }

  remove(taskId: string): void {
    this.owners.delete(taskId);
  }

  entries(): Array<[taskId: string, owner: SessionOwner]> {
    return [...this.owners];
  }
}
