import { Injectable } from '@nestjs/common';

/** Who each live session belongs to, so the instance can report its sessions when it goes away. */
@Injectable()
export class SessionOwners {
  private readonly owners = new Map<string, { orgId: string; cause: string }>();

  add(taskId: string, orgId: string, cause: string): void {
    this.owners.set(taskId, { orgId, cause });
  }

  remove(taskId: string): void {
    this.owners.delete(taskId);
  }

  entries(): Array<[taskId: string, owner: { orgId: string; cause: string }]> {
    return [...this.owners];
  }
}
