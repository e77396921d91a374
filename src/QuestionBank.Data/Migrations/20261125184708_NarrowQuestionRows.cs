using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace QuestionBank.Data.Migrations
{
    /// <inheritdoc />
    public partial class NarrowQuestionRows : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // Search visits every row that matches a concept: keep the rows small by moving the long
            // text out of line (TOAST) while the title vector stays in the row, so those visits read
            // a few pages instead of one page a question. Rows already stored move on their next update
            // (or at once with VACUUM FULL questions).
            migrationBuilder.Sql("ALTER TABLE questions SET (toast_tuple_target = 128)");
            migrationBuilder.Sql("ALTER TABLE questions ALTER COLUMN title_vector SET STORAGE MAIN");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("ALTER TABLE questions RESET (toast_tuple_target)");
            migrationBuilder.Sql("ALTER TABLE questions ALTER COLUMN title_vector SET STORAGE EXTENDED");
        }
    }
}
