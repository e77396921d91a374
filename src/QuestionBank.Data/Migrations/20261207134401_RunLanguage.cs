using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace QuestionBank.Data.Migrations
{
    /// <inheritdoc />
    public partial class RunLanguage : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "language",
                table: "runs",
                type: "character varying(16)",
                maxLength: 16,
                nullable: false,
                defaultValue: "csharp");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "language",
                table: "runs");
        }
    }
}
