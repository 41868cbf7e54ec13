import { MigrationInterface, QueryRunner } from 'typeorm';

export class AddRunEvents1795439369032 implements MigrationInterface {
  name = 'AddRunEvents1795439369032';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            CREATE TABLE "run_events" (
                "id" character varying(256) NOT NULL,
                "task_id" uuid NOT NULL,
                "org_id" uuid NOT NULL,
                "subject" character varying(128) NOT NULL,
                "version" integer NOT NULL,
                "causation_id" character varying(256),
                "occurred_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                "payload" jsonb NOT NULL,
                "recorded_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "PK_6a60304b2cec8281b713a19fa7b" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "IDX_3cca815c404f7a3e086797e643" ON "run_events" ("task_id", "occurred_at")
        `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            DROP INDEX "public"."IDX_3cca815c404f7a3e086797e643"
        `);
    await queryRunner.query(`
            DROP TABLE "run_events"
        `);
  }
}
