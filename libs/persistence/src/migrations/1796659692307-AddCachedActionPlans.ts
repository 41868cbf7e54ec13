import { MigrationInterface, QueryRunner } from 'typeorm';

export class AddCachedActionPlans1796659692307 implements MigrationInterface {
  name = 'AddCachedActionPlans1796659692307';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            CREATE TABLE "cached_action_plans" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "org_id" uuid NOT NULL,
                "key" character(64) NOT NULL,
                "url_pattern" text NOT NULL,
                "goal" text NOT NULL,
                "payload_keys" jsonb NOT NULL,
                "page_fingerprint" character varying(64) NOT NULL,
                "steps" jsonb NOT NULL,
                "source_task_id" uuid NOT NULL,
                "hits" integer NOT NULL DEFAULT '0',
                "heals" integer NOT NULL DEFAULT '0',
                "last_used_at" TIMESTAMP WITH TIME ZONE,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "PK_a261ee52621e10daa5b7e8296f3" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE UNIQUE INDEX "IDX_04172801faecd69d81ea9ce5ad" ON "cached_action_plans" ("org_id", "key")
        `);
    await queryRunner.query(`
            ALTER TABLE "cached_action_plans"
            ADD CONSTRAINT "FK_7fb4edfe58bdf5b7cea15649963" FOREIGN KEY ("org_id") REFERENCES "orgs"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            ALTER TABLE "cached_action_plans" DROP CONSTRAINT "FK_7fb4edfe58bdf5b7cea15649963"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."IDX_04172801faecd69d81ea9ce5ad"
        `);
    await queryRunner.query(`
            DROP TABLE "cached_action_plans"
        `);
  }
}
