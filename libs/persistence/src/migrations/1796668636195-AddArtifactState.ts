import { MigrationInterface, QueryRunner } from 'typeorm';

export class AddArtifactState1796668636195 implements MigrationInterface {
  name = 'AddArtifactState1796668636195';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            ALTER TABLE "artifacts"
            ADD "state" character varying(8) NOT NULL DEFAULT 'stored'
        `);
    await queryRunner.query(`
            ALTER TABLE "artifacts"
            ADD CONSTRAINT "CHK_3547bdea032630acdf3d8c2050" CHECK ("state" IN ('pending', 'stored'))
        `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            ALTER TABLE "artifacts" DROP CONSTRAINT "CHK_3547bdea032630acdf3d8c2050"
        `);
    await queryRunner.query(`
            ALTER TABLE "artifacts" DROP COLUMN "state"
        `);
  }
}
