import { MigrationInterface, QueryRunner } from 'typeorm';

export class AddPlannerSelection1796659247473 implements MigrationInterface {
  name = 'AddPlannerSelection1796659247473';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            ALTER TABLE "steps"
            ADD "planner" character varying(16)
        `);
    await queryRunner.query(`
            ALTER TABLE "steps"
            ADD "planner_confidence" real
        `);
    await queryRunner.query(`
            ALTER TABLE "tasks"
            ADD "planner" character varying(16)
        `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            ALTER TABLE "tasks" DROP COLUMN "planner"
        `);
    await queryRunner.query(`
            ALTER TABLE "steps" DROP COLUMN "planner_confidence"
        `);
    await queryRunner.query(`
            ALTER TABLE "steps" DROP COLUMN "planner"
        `);
  }
}
