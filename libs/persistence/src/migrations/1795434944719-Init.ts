import { MigrationInterface, QueryRunner } from 'typeorm';

export class Init1795434944719 implements MigrationInterface {
  name = 'Init1795434944719';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            CREATE TABLE "actions" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "step_id" uuid NOT NULL,
                "task_id" uuid NOT NULL,
                "index" integer NOT NULL,
                "type" character varying(32) NOT NULL,
                "element_id" character varying(64),
                "input" jsonb NOT NULL,
                "reasoning" text NOT NULL DEFAULT '',
                "status" character varying(16) NOT NULL DEFAULT 'pending',
                "result" jsonb,
                "error_code" character varying(64),
                "error_message" text,
                "started_at" TIMESTAMP WITH TIME ZONE,
                "finished_at" TIMESTAMP WITH TIME ZONE,
                CONSTRAINT "CHK_302bdd92de2074fcb2388ecdbe" CHECK (
                    "status" IN ('pending', 'succeeded', 'failed', 'skipped')
                ),
                CONSTRAINT "PK_7bfb822f56be449c0b8adbf83cf" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "IDX_0983797b4d154eefb0694ec91f" ON "actions" ("task_id")
        `);
    await queryRunner.query(`
            CREATE UNIQUE INDEX "IDX_5ce2ca51521cd09d5469178f1e" ON "actions" ("step_id", "index")
        `);
    await queryRunner.query(`
            CREATE TABLE "api_keys" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "org_id" uuid NOT NULL,
                "name" character varying(200) NOT NULL,
                "prefix" character varying(32) NOT NULL,
                "key_hash" character(64) NOT NULL,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "last_used_at" TIMESTAMP WITH TIME ZONE,
                "revoked_at" TIMESTAMP WITH TIME ZONE,
                CONSTRAINT "PK_5c8a79801b44bd27b79228e1dad" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "IDX_ba7f5748f500d24aa18041d043" ON "api_keys" ("org_id")
        `);
    await queryRunner.query(`
            CREATE UNIQUE INDEX "IDX_6f6105c8efe05b310d046cbdb3" ON "api_keys" ("prefix")
        `);
    await queryRunner.query(`
            CREATE UNIQUE INDEX "IDX_57384430aa1959f4578046c9b8" ON "api_keys" ("key_hash")
        `);
    await queryRunner.query(`
            CREATE TABLE "artifacts" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "org_id" uuid NOT NULL,
                "task_id" uuid,
                "step_index" integer,
                "kind" character varying(16) NOT NULL,
                "content_type" character varying(255) NOT NULL,
                "size_bytes" bigint NOT NULL,
                "sha256" character(64) NOT NULL,
                "storage_driver" character varying(8) NOT NULL,
                "storage_key" text NOT NULL,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "CHK_62862736b96459d5d129b0f2bb" CHECK ("storage_driver" IN ('local', 's3')),
                CONSTRAINT "CHK_b0f0b74eef731d90cbf74f0b13" CHECK (
                    "kind" IN ('screenshot', 'html', 'element_tree', 'download')
                ),
                CONSTRAINT "PK_6516bbed3c129918e05c5012edb" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "IDX_a727f2624a4ff2d1649ae2a9f2" ON "artifacts" ("task_id")
        `);
    await queryRunner.query(`
            CREATE UNIQUE INDEX "IDX_a1886c49da06e6844489be464d" ON "artifacts" ("storage_key")
        `);
    await queryRunner.query(`
            CREATE TABLE "orgs" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "name" character varying(200) NOT NULL,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "PK_9eed8bfad4c9e0dc8648e090efe" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE UNIQUE INDEX "IDX_e9066f92474bd063a2d45b5b7e" ON "orgs" ("name")
        `);
    await queryRunner.query(`
            CREATE TABLE "steps" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "task_id" uuid NOT NULL,
                "index" integer NOT NULL,
                "status" character varying(16) NOT NULL,
                "url" text,
                "title" text,
                "reasoning" text,
                "provider" character varying(64),
                "model" character varying(128),
                "input_tokens" integer NOT NULL DEFAULT '0',
                "output_tokens" integer NOT NULL DEFAULT '0',
                "element_tree_artifact_id" uuid,
                "screenshot_artifact_id" uuid,
                "html_artifact_id" uuid,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "CHK_0ef4ae45bc94874363ff2c9e88" CHECK (
                    "status" IN (
                        'scraping',
                        'planning',
                        'acting',
                        'completed',
                        'failed'
                    )
                ),
                CONSTRAINT "PK_65f86ac8996204d11f915f66a5b" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE UNIQUE INDEX "IDX_515c04af15c7c590097ee43388" ON "steps" ("task_id", "index")
        `);
    await queryRunner.query(`
            CREATE TABLE "tasks" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "org_id" uuid NOT NULL,
                "status" character varying(16) NOT NULL DEFAULT 'created',
                "url" text NOT NULL,
                "goal" text NOT NULL,
                "payload" jsonb NOT NULL DEFAULT '{}',
                "extraction_schema" jsonb,
                "max_steps" integer NOT NULL,
                "timeout_seconds" integer NOT NULL,
                "webhook_url" text,
                "output" jsonb,
                "failure_reason" text,
                "failure_code" character varying(64),
                "browser_instance_id" character varying(128),
                "step_count" integer NOT NULL DEFAULT '0',
                "current_step_index" integer,
                "deadline_at" TIMESTAMP WITH TIME ZONE,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "started_at" TIMESTAMP WITH TIME ZONE,
                "finished_at" TIMESTAMP WITH TIME ZONE,
                CONSTRAINT "CHK_2cca6a15315ca63f2aefd3cc5c" CHECK (
                    "status" IN (
                        'created',
                        'queued',
                        'running',
                        'completed',
                        'failed',
                        'terminated',
                        'timed_out',
                        'canceled'
                    )
                ),
                CONSTRAINT "PK_8d12ff38fcc62aaba2cab748772" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "IDX_6a7a4f687b74075698d59c172b" ON "tasks" ("org_id")
        `);
    await queryRunner.query(`
            CREATE INDEX "IDX_a40746b035c1685a3c833a3eb6" ON "tasks" ("status", "deadline_at")
        `);
    await queryRunner.query(`
            ALTER TABLE "actions"
            ADD CONSTRAINT "FK_894b12e295a84f02bad4db1a629" FOREIGN KEY ("step_id") REFERENCES "steps"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "actions"
            ADD CONSTRAINT "FK_0983797b4d154eefb0694ec91ff" FOREIGN KEY ("task_id") REFERENCES "tasks"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "api_keys"
            ADD CONSTRAINT "FK_ba7f5748f500d24aa18041d0439" FOREIGN KEY ("org_id") REFERENCES "orgs"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "steps"
            ADD CONSTRAINT "FK_24821ef09654c69460de905f893" FOREIGN KEY ("task_id") REFERENCES "tasks"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "tasks"
            ADD CONSTRAINT "FK_6a7a4f687b74075698d59c172b5" FOREIGN KEY ("org_id") REFERENCES "orgs"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            ALTER TABLE "tasks" DROP CONSTRAINT "FK_6a7a4f687b74075698d59c172b5"
        `);
    await queryRunner.query(`
            ALTER TABLE "steps" DROP CONSTRAINT "FK_24821ef09654c69460de905f893"
        `);
    await queryRunner.query(`
            ALTER TABLE "api_keys" DROP CONSTRAINT "FK_ba7f5748f500d24aa18041d0439"
        `);
    await queryRunner.query(`
            ALTER TABLE "actions" DROP CONSTRAINT "FK_0983797b4d154eefb0694ec91ff"
        `);
    await queryRunner.query(`
            ALTER TABLE "actions" DROP CONSTRAINT "FK_894b12e295a84f02bad4db1a629"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."IDX_a40746b035c1685a3c833a3eb6"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."IDX_6a7a4f687b74075698d59c172b"
        `);
    await queryRunner.query(`
            DROP TABLE "tasks"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."IDX_515c04af15c7c590097ee43388"
        `);
    await queryRunner.query(`
            DROP TABLE "steps"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."IDX_e9066f92474bd063a2d45b5b7e"
        `);
    await queryRunner.query(`
            DROP TABLE "orgs"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."IDX_a1886c49da06e6844489be464d"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."IDX_a727f2624a4ff2d1649ae2a9f2"
        `);
    await queryRunner.query(`
            DROP TABLE "artifacts"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."IDX_57384430aa1959f4578046c9b8"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."IDX_6f6105c8efe05b310d046cbdb3"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."IDX_ba7f5748f500d24aa18041d043"
        `);
    await queryRunner.query(`
            DROP TABLE "api_keys"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."IDX_5ce2ca51521cd09d5469178f1e"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."IDX_0983797b4d154eefb0694ec91f"
        `);
    await queryRunner.query(`
            DROP TABLE "actions"
        `);
  }
}
