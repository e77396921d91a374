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
        builder.HasOne<Account>().WithMany().HasForeignKey(n => n.AccountId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne(n => n.Question).WithMany().HasForeignKey(n => n.QuestionId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(n => new { n.AccountId, n.QuestionId }).IsUnique();
        builder.HasIndex(n => n.QuestionId);
    }
}
