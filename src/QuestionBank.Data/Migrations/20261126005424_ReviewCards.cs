using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace QuestionBank.Data.Migrations
{
    /// <inheritdoc />
    public partial class ReviewCards : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "review_cards",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    account_id = table.Column<long>(type: "bigint", nullable: false),
                    question_id = table.Column<long>(type: "bigint", nullable: false),
                    state = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    step = table.Column<int>(type: "integer", nullable: true),
                    stability = table.Column<double>(type: "double precision", nullable: true),
                    difficulty = table.Column<double>(type: "double precision", nullable: true),
                    due = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    last_review = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_review_cards", x => x.id);
                    table.ForeignKey(
                        name: "fk_review_cards_accounts_account_id",
                        column: x => x.account_id,
                        principalTable: "accounts",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_review_cards_questions_question_id",
                        column: x => x.question_id,
                        principalTable: "questions",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "review_log",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    card_id = table.Column<long>(type: "bigint", nullable: false),
                    rating = table.Column<int>(type: "integer", nullable: false),
                    reviewed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    state_before = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_review_log", x => x.id);
                    table.ForeignKey(
                        name: "fk_review_log_review_cards_card_id",
                        column: x => x.card_id,
                        principalTable: "review_cards",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_review_cards_account_id_due",
                table: "review_cards",
                columns: new[] { "account_id", "due" });

            migrationBuilder.CreateIndex(
                name: "ix_review_cards_account_id_question_id",
                table: "review_cards",
                columns: new[] { "account_id", "question_id" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_review_cards_question_id",
                table: "review_cards",
                column: "question_id");

            migrationBuilder.CreateIndex(
                name: "ix_review_log_card_id_reviewed_at",
                table: "review_log",
                columns: new[] { "card_id", "reviewed_at" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "review_log");

            migrationBuilder.DropTable(
                name: "review_cards");
        }
    }
}
