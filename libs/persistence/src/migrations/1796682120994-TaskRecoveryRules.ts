import { MigrationInterface, QueryRunner } from 'typeorm';

export class TaskRecoveryRules1796682120994 implements MigrationInterface {
  name = 'TaskRecoveryRules1796682120994';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            ALTER TABLE "tasks"
            ADD "recovery_rules" jsonb NOT NULL DEFAULT '[]'
        `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            ALTER TABLE "tasks" DROP COLUMN "recovery_rules"
        `);
  }
}
