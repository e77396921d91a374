using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using QuestionBank.Data.Entities;

namespace QuestionBank.Data.Configurations;

internal sealed class NoteConfiguration : IEntityTypeConfiguration<Note>
{
    public void Configure(EntityTypeBuilder<Note> builder)
    {
        builder.ToTable("notes");
        builder.Property(n => n.Markdown).HasMaxLength(Note.MaxLength);
        builder.GoesWithAccountAndQuestion();
        builder.HasIndex(n => new { n.AccountId, n.QuestionId }).IsUnique();
        builder.HasIndex(n => n.QuestionId);
    }
}
