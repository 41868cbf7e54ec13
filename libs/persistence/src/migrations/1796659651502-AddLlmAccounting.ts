import { MigrationInterface, QueryRunner } from 'typeorm';

export class AddLlmAccounting1796659651502 implements MigrationInterface {
  name = 'AddLlmAccounting1796659651502';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            ALTER TABLE "steps"
            ADD "cached_tokens" integer NOT NULL DEFAULT '0'
        `);
    await queryRunner.query(`
            ALTER TABLE "steps"
            ADD "cost_usd" double precision NOT NULL DEFAULT '0'
        `);
    await queryRunner.query(`
            ALTER TABLE "steps"
            ADD "llm_fallback" boolean NOT NULL DEFAULT false
        `);
    await queryRunner.query(`
            ALTER TABLE "steps"
            ADD "llm_calls" jsonb NOT NULL DEFAULT '[]'
        `);
    await queryRunner.query(`
            ALTER TABLE "tasks"
            ADD "model" character varying(200)
        `);
    await queryRunner.query(`
            ALTER TABLE "tasks"
            ADD "vision" boolean NOT NULL DEFAULT false
        `);
    await queryRunner.query(`
            ALTER TABLE "tasks"
            ADD "max_cost_usd" double precision
        `);
    await queryRunner.query(`
            ALTER TABLE "tasks"
            ADD "input_tokens" integer NOT NULL DEFAULT '0'
        `);
    await queryRunner.query(`
            ALTER TABLE "tasks"
            ADD "output_tokens" integer NOT NULL DEFAULT '0'
        `);
    await queryRunner.query(`
            ALTER TABLE "tasks"
            ADD "cached_tokens" integer NOT NULL DEFAULT '0'
        `);
    await queryRunner.query(`
            ALTER TABLE "tasks"
            ADD "cost_usd" double precision NOT NULL DEFAULT '0'
        `);
    await queryRunner.query(`
            ALTER TABLE "tasks"
            ADD "llm_calls" integer NOT NULL DEFAULT '0'
        `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            ALTER TABLE "tasks" DROP COLUMN "llm_calls"
        `);
    await queryRunner.query(`
            ALTER TABLE "tasks" DROP COLUMN "cost_usd"
        `);
    await queryRunner.query(`
            ALTER TABLE "tasks" DROP COLUMN "cached_tokens"
        `);
    await queryRunner.query(`
            ALTER TABLE "tasks" DROP COLUMN "output_tokens"
        `);
    await queryRunner.query(`
            ALTER TABLE "tasks" DROP COLUMN "input_tokens"
        `);
    await queryRunner.query(`
            ALTER TABLE "tasks" DROP COLUMN "max_cost_usd"
        `);
    await queryRunner.query(`
            ALTER TABLE "tasks" DROP COLUMN "vision"
        `);
    await queryRunner.query(`
            ALTER TABLE "tasks" DROP COLUMN "model"
        `);
    await queryRunner.query(`
            ALTER TABLE "steps" DROP COLUMN "llm_calls"
        `);
    await queryRunner.query(`
            ALTER TABLE "steps" DROP COLUMN "llm_fallback"
        `);
    await queryRunner.query(`
            ALTER TABLE "steps" DROP COLUMN "cost_usd"
        `);
    await queryRunner.query(`
            ALTER TABLE "steps" DROP COLUMN "cached_tokens"
        `);
  }
}
