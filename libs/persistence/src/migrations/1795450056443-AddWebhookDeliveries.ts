import { MigrationInterface, QueryRunner } from 'typeorm';

export class AddWebhookDeliveries1795450056443 implements MigrationInterface {
  name = 'AddWebhookDeliveries1795450056443';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            CREATE TABLE "webhook_deliveries" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "task_id" uuid NOT NULL,
                "org_id" uuid NOT NULL,
                "url" text NOT NULL,
                "event_id" character varying(256) NOT NULL,
                "trigger" character varying(16) NOT NULL,
                "payload" jsonb NOT NULL,
                "status" character varying(16) NOT NULL DEFAULT 'pending',
                "attempt" integer NOT NULL DEFAULT '0',
                "response_status" integer,
                "error" text,
                "duration_ms" integer,
                "next_attempt_at" TIMESTAMP WITH TIME ZONE,
                "attempts" jsonb NOT NULL DEFAULT '[]',
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "CHK_5b2d17351f7729c1007f058c74" CHECK ("trigger" IN ('finished', 'resend')),
                CONSTRAINT "CHK_407f63d52e3825f74a4886923b" CHECK ("status" IN ('pending', 'delivered', 'failed')),
                CONSTRAINT "PK_535dd409947fb6d8fc6dfc0112a" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "IDX_b2cb8f8d38d0233dcc3549af74" ON "webhook_deliveries" ("task_id", "created_at")
        `);
    await queryRunner.query(`
            CREATE INDEX "IDX_284017efc3cbfe592288749a9c" ON "webhook_deliveries" ("status", "next_attempt_at")
        `);
    await queryRunner.query(`
            CREATE TABLE "webhook_secrets" (
                "org_id" uuid NOT NULL,
                "sealed_secret" text NOT NULL,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "PK_c76cf71a0cad316ba0c871c943f" PRIMARY KEY ("org_id")
            )
        `);
    await queryRunner.query(`
            ALTER TABLE "webhook_deliveries"
            ADD CONSTRAINT "FK_884305ba744dd7603f4f0bc637b" FOREIGN KEY ("task_id") REFERENCES "tasks"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "webhook_secrets"
            ADD CONSTRAINT "FK_c76cf71a0cad316ba0c871c943f" FOREIGN KEY ("org_id") REFERENCES "orgs"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            ALTER TABLE "webhook_secrets" DROP CONSTRAINT "FK_c76cf71a0cad316ba0c871c943f"
        `);
    await queryRunner.query(`
            ALTER TABLE "webhook_deliveries" DROP CONSTRAINT "FK_884305ba744dd7603f4f0bc637b"
        `);
    await queryRunner.query(`
            DROP TABLE "webhook_secrets"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."IDX_284017efc3cbfe592288749a9c"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."IDX_b2cb8f8d38d0233dcc3549af74"
        `);
    await queryRunner.query(`
            DROP TABLE "webhook_deliveries"
        `);
  }
}
