using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace QuestionBank.Data.Migrations
{
    /// <inheritdoc />
    public partial class SearchState : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // The version of what search holds in memory: every statement that changes questions,
            // documents or the glossary bumps it (before touching a row, so concurrent writers queue on
            // this one row in the same order) and NOTIFYs the web replicas, which reload on commit.
            migrationBuilder.Sql("""
                CREATE TABLE search_state (id integer PRIMARY KEY CHECK (id = 1), version bigint NOT NULL);
                INSERT INTO search_state VALUES (1, 1);
                CREATE FUNCTION search_changed() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    UPDATE search_state SET version = version + 1 WHERE id = 1;
                    PERFORM pg_notify('search_changed', '');
                    RETURN NULL;
                END $$;
                CREATE TRIGGER search_changed BEFORE INSERT OR UPDATE OR DELETE OR TRUNCATE ON questions
                    FOR EACH STATEMENT EXECUTE FUNCTION search_changed();
                CREATE TRIGGER search_changed BEFORE INSERT OR UPDATE OR DELETE OR TRUNCATE ON documents
                    FOR EACH STATEMENT EXECUTE FUNCTION search_changed();
                CREATE TRIGGER search_changed BEFORE INSERT OR UPDATE OR DELETE OR TRUNCATE ON glossaries
                    FOR EACH STATEMENT EXECUTE FUNCTION search_changed();
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                DROP TRIGGER search_changed ON glossaries;
                DROP TRIGGER search_changed ON documents;
                DROP TRIGGER search_changed ON questions;
                DROP FUNCTION search_changed();
                DROP TABLE search_state;
                """);
        }
    }
}
