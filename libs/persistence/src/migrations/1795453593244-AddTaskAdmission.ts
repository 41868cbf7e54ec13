import { MigrationInterface, QueryRunner } from 'typeorm';

export class AddTaskAdmission1795453593244 implements MigrationInterface {
  name = 'AddTaskAdmission1795453593244';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            ALTER TABLE "tasks"
            ADD "priority" integer NOT NULL DEFAULT '0'
        `);
    await queryRunner.query(`
            ALTER TABLE "tasks"
            ADD "idempotency_key" character varying(255)
        `);
    await queryRunner.query(`
            ALTER TABLE "tasks"
            ADD "idempotency_hash" character varying(64)
        `);
    await queryRunner.query(`
            ALTER TABLE "tasks"
            ADD "admitted_at" TIMESTAMP WITH TIME ZONE
        `);
    await queryRunner.query(`
            ALTER TABLE "tasks"
            ADD "admission_count" integer NOT NULL DEFAULT '0'
        `);
    await queryRunner.query(`
            CREATE UNIQUE INDEX "UQ_tasks_org_idempotency_key" ON "tasks" ("org_id", "idempotency_key")
        `);
    await queryRunner.query(`
            CREATE INDEX "IDX_tasks_admission" ON "tasks" ("status", "priority" DESC, "created_at")
        `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            DROP INDEX "public"."IDX_tasks_admission"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."UQ_tasks_org_idempotency_key"
        `);
    await queryRunner.query(`
            ALTER TABLE "tasks" DROP COLUMN "admission_count"
        `);
    await queryRunner.query(`
            ALTER TABLE "tasks" DROP COLUMN "admitted_at"
        `);
    await queryRunner.query(`
            ALTER TABLE "tasks" DROP COLUMN "idempotency_hash"
        `);
    await queryRunner.query(`
            ALTER TABLE "tasks" DROP COLUMN "idempotency_key"
        `);
    await queryRunner.query(`
            ALTER TABLE "tasks" DROP COLUMN "priority"
        `);
  }
}
