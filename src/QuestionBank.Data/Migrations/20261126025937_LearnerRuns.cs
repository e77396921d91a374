using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace QuestionBank.Data.Migrations
{
    /// <inheritdoc />
    public partial class LearnerRuns : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<long>(
                name: "account_id",
                table: "runs",
                type: "bigint",
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "review_credited_at",
                table: "runs",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "ix_runs_account_id_created_at",
                table: "runs",
                columns: new[] { "account_id", "created_at" });

            migrationBuilder.CreateIndex(
                name: "ix_runs_finished_at",
                table: "runs",
                column: "finished_at",
                filter: "account_id IS NOT NULL AND goals_met AND review_credited_at IS NULL");

            migrationBuilder.AddForeignKey(
                name: "fk_runs_accounts_account_id",
                table: "runs",
                column: "account_id",
                principalTable: "accounts",
                principalColumn: "id",
                onDelete: ReferentialAction.Cascade);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "fk_runs_accounts_account_id",
                table: "runs");

            migrationBuilder.DropIndex(
                name: "ix_runs_account_id_created_at",
                table: "runs");

            migrationBuilder.DropIndex(
                name: "ix_runs_finished_at",
                table: "runs");

            migrationBuilder.DropColumn(
                name: "account_id",
                table: "runs");

            migrationBuilder.DropColumn(
                name: "review_credited_at",
                table: "runs");
        }
    }
}
