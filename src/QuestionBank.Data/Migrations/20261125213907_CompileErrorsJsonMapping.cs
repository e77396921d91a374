using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace QuestionBank.Data.Migrations
{
    /// <inheritdoc />
    public partial class CompileErrorsJsonMapping : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // A run without compile errors was stored as NULL; the JSON mapping reads an empty array.
            migrationBuilder.Sql("UPDATE runs SET compile_errors = '[]' WHERE compile_errors IS NULL;");
            migrationBuilder.AlterColumn<string>(
                name: "compile_errors",
                table: "runs",
                type: "jsonb",
                nullable: false,
                oldClrType: typeof(string),
                oldType: "jsonb",
                oldNullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AlterColumn<string>(
                name: "compile_errors",
                table: "runs",
                type: "jsonb",
                nullable: true,
                oldClrType: typeof(string),
                oldType: "jsonb");
            migrationBuilder.Sql("UPDATE runs SET compile_errors = NULL WHERE compile_errors = '[]';");
        }
    }
}
