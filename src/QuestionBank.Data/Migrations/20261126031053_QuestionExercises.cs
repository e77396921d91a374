using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace QuestionBank.Data.Migrations
{
    /// <inheritdoc />
    public partial class QuestionExercises : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "exercise_id",
                table: "questions",
                type: "character varying(40)",
                maxLength: 40,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "exercise_source",
                table: "questions",
                type: "character varying(20)",
                maxLength: 20,
                nullable: false,
                defaultValue: "None");

            migrationBuilder.CreateIndex(
                name: "ix_questions_exercise_id",
                table: "questions",
                column: "exercise_id");

            // Questions already in the bank keep the exercise their title gave them (the keywords as of
            // this migration); documents imported from now on are assigned by the importer.
            migrationBuilder.Sql("""
                UPDATE questions SET exercise_id = CASE
                    WHEN title LIKE '%GAN%' OR title LIKE '%生成对抗%' THEN 'gan'
                    WHEN title LIKE '%DQN%' OR title LIKE '%强化学习%' THEN 'dqn'
                    WHEN title LIKE '%LSTM%' OR title LIKE '%时间序列%' OR title LIKE '%序列预测%' THEN 'lstm'
                    WHEN title LIKE '%CNN%' OR title LIKE '%图像分类%' OR title LIKE '%卷积神经网络%' THEN 'cnn'
                END
                WHERE kind = 'Coding';
                UPDATE questions SET exercise_source = 'Title' WHERE exercise_id IS NOT NULL;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_questions_exercise_id",
                table: "questions");

            migrationBuilder.DropColumn(
                name: "exercise_id",
                table: "questions");

            migrationBuilder.DropColumn(
                name: "exercise_source",
                table: "questions");
        }
    }
}
