import { MigrationInterface, QueryRunner } from 'typeorm';

export class AddRecoveryAttempts1795453678393 implements MigrationInterface {
  name = 'AddRecoveryAttempts1795453678393';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            CREATE TABLE "recovery_attempts" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "task_id" uuid NOT NULL,
                "step_index" integer,
                "failure_id" character varying(256) NOT NULL,
                "component" character varying(32) NOT NULL,
                "code" character varying(64) NOT NULL,
                "strategy" character varying(32) NOT NULL,
                "attempt" integer NOT NULL,
                "max_attempts" integer NOT NULL,
                "status" character varying(16) NOT NULL,
                "reason" text NOT NULL,
                "command_id" character varying(256),
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "CHK_1b8207a8861c2717de1a40d22c" CHECK (
                    "status" IN (
                        'awaiting_session',
                        'attempted',
                        'succeeded',
                        'exhausted'
                    )
                ),
                CONSTRAINT "PK_31bf871c4116c9211585a67db95" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE UNIQUE INDEX "IDX_7f426e20fdb9a90a6cede83fc6" ON "recovery_attempts" ("failure_id")
        `);
    await queryRunner.query(`
            CREATE INDEX "IDX_392f1ecfb28ce20126e37f2ca2" ON "recovery_attempts" ("task_id", "created_at")
        `);
    await queryRunner.query(`
            ALTER TABLE "recovery_attempts"
            ADD CONSTRAINT "FK_60dbdfbf97327ce7ea1f9ca4ea1" FOREIGN KEY ("task_id") REFERENCES "tasks"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            ALTER TABLE "recovery_attempts" DROP CONSTRAINT "FK_60dbdfbf97327ce7ea1f9ca4ea1"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."IDX_392f1ecfb28ce20126e37f2ca2"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."IDX_7f426e20fdb9a90a6cede83fc6"
        `);
    await queryRunner.query(`
            DROP TABLE "recovery_attempts"
        `);
  }
}
