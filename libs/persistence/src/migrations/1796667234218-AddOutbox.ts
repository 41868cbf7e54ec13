import { MigrationInterface, QueryRunner } from 'typeorm';

export class AddOutbox1796667234218 implements MigrationInterface {
  name = 'AddOutbox1796667234218';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            CREATE TABLE "outbox" (
                "id" BIGSERIAL NOT NULL,
                "message_id" character varying(256) NOT NULL,
                "subject" character varying(128) NOT NULL,
                "address" character varying(256) NOT NULL,
                "correlation_id" character varying(256) NOT NULL,
                "envelope" jsonb NOT NULL,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "sent_at" TIMESTAMP WITH TIME ZONE,
                "attempts" integer NOT NULL DEFAULT '0',
                "last_error" text,
                CONSTRAINT "PK_340ab539f309f03bdaa14aa7649" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE UNIQUE INDEX "IDX_2f36ee5236f2793f3e7bd55458" ON "outbox" ("message_id")
        `);
    await queryRunner.query(`
            CREATE INDEX "IDX_outbox_sent_at" ON "outbox" ("sent_at")
            WHERE sent_at IS NOT NULL
        `);
    await queryRunner.query(`
            CREATE INDEX "IDX_outbox_unsent" ON "outbox" ("id")
            WHERE sent_at IS NULL
        `);
    // Wakes the relays when rows commit: NOTIFY is delivered only on commit, once per transaction.
    await queryRunner.query(`
            CREATE FUNCTION "outbox_notify"() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                PERFORM pg_notify('webbyflow_outbox', '');
                RETURN NULL;
            END $$
        `);
    await queryRunner.query(`
            CREATE TRIGGER "outbox_notify" AFTER INSERT ON "outbox" FOR EACH STATEMENT EXECUTE FUNCTION "outbox_notify"()
        `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            DROP TRIGGER "outbox_notify" ON "outbox"
        `);
    await queryRunner.query(`
            DROP FUNCTION "outbox_notify"()
        `);
    await queryRunner.query(`
            DROP INDEX "public"."IDX_outbox_unsent"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."IDX_outbox_sent_at"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."IDX_2f36ee5236f2793f3e7bd55458"
        `);
    await queryRunner.query(`
            DROP TABLE "outbox"
        `);
  }
}
