import { MigrationInterface, QueryRunner } from 'typeorm';

export class AddPlanCacheWiring1796667206863 implements MigrationInterface {
  name = 'AddPlanCacheWiring1796667206863';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            ALTER TABLE "cached_action_plans"
            ADD "misses" integer NOT NULL DEFAULT '0'
        `);
    await queryRunner.query(`
            ALTER TABLE "steps"
            ADD "cached_step" jsonb
        `);
    await queryRunner.query(`
            ALTER TABLE "steps"
            ADD "cache_miss" text
        `);
    await queryRunner.query(`
            ALTER TABLE "tasks"
            ADD "plan_cache" character varying(8) NOT NULL DEFAULT 'use'
        `);
    await queryRunner.query(`
            ALTER TABLE "tasks"
            ADD "plan_cache_outcome" character varying(16)
        `);
    await queryRunner.query(`
            ALTER TABLE "tasks"
            ADD "plan_cache_steps" integer NOT NULL DEFAULT '0'
        `);
    await queryRunner.query(`
            ALTER TABLE "tasks"
            ADD "plan_cache_recorded" boolean NOT NULL DEFAULT false
        `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            ALTER TABLE "tasks" DROP COLUMN "plan_cache_recorded"
        `);
    await queryRunner.query(`
            ALTER TABLE "tasks" DROP COLUMN "plan_cache_steps"
        `);
    await queryRunner.query(`
            ALTER TABLE "tasks" DROP COLUMN "plan_cache_outcome"
        `);
    await queryRunner.query(`
            ALTER TABLE "tasks" DROP COLUMN "plan_cache"
        `);
    await queryRunner.query(`
            ALTER TABLE "steps" DROP COLUMN "cache_miss"
        `);
    await queryRunner.query(`
            ALTER TABLE "steps" DROP COLUMN "cached_step"
        `);
    await queryRunner.query(`
            ALTER TABLE "cached_action_plans" DROP COLUMN "misses"
        `);
  }
}
