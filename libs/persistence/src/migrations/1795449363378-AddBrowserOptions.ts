import { MigrationInterface, QueryRunner } from 'typeorm';

export class AddBrowserOptions1795449363378 implements MigrationInterface {
  name = 'AddBrowserOptions1795449363378';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            ALTER TABLE "artifacts" DROP CONSTRAINT "CHK_b0f0b74eef731d90cbf74f0b13"
        `);
    await queryRunner.query(`
            ALTER TABLE "tasks"
            ADD "browser_options" jsonb NOT NULL DEFAULT '{}'
        `);
    await queryRunner.query(`
            ALTER TABLE "artifacts"
            ADD CONSTRAINT "CHK_5eccadbe274da54e6a1f370afd" CHECK (
                    "kind" IN (
                        'screenshot',
                        'html',
                        'element_tree',
                        'download',
                        'browser_state'
                    )
                )
        `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            ALTER TABLE "artifacts" DROP CONSTRAINT "CHK_5eccadbe274da54e6a1f370afd"
        `);
    await queryRunner.query(`
            ALTER TABLE "tasks" DROP COLUMN "browser_options"
        `);
    await queryRunner.query(`
            ALTER TABLE "artifacts"
            ADD CONSTRAINT "CHK_b0f0b74eef731d90cbf74f0b13" CHECK (
                    (
                        (kind)::text = ANY (
                            (
                                ARRAY ['screenshot'::character varying, 'html'::character varying, 'element_tree'::character varying, 'download'::character varying]
                            )::text []
                        )
                    )
                )
        `);
  }
}
