using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Migrations;

namespace QuestionBank.Data.Migrations;

/// <summary>
/// A migration kept without its designer's model (see README.md). The SQL generator still reads one fact from
/// the model: the EF Core version that scaffolded the operations. From 1.1 on an AlterColumn carries the old
/// column, so an unchanged type is not altered again; an empty model would read as older than that.
/// </summary>
public abstract class ModelFreeMigration : Migration
{
    protected override void BuildTargetModel(ModelBuilder modelBuilder) =>
        modelBuilder.HasAnnotation("ProductVersion", "10.0.12");
}
