using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace QuestionBank.Data.Migrations
{
    /// <inheritdoc />
    public partial class SearchGlossaryAndWords : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "glossaries",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    source_name = table.Column<string>(type: "text", nullable: false),
                    title = table.Column<string>(type: "text", nullable: false),
                    content_hash = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    markdown = table.Column<string>(type: "text", nullable: false),
                    imported_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_glossaries", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "search_words",
                columns: table => new
                {
                    word = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    questions = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_search_words", x => x.word);
                });

            // A bank imported before this migration gets its vocabulary from the words already indexed.
            migrationBuilder.Sql("""
                INSERT INTO search_words (word, questions)
                SELECT w, count(DISTINCT id) FROM questions
                CROSS JOIN LATERAL unnest(string_to_array(search_title || ' ' || search_body, ' ')) AS w
                WHERE w <> '' AND length(w) <= 100
                GROUP BY w
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "glossaries");

            migrationBuilder.DropTable(
                name: "search_words");
        }
    }
}
