using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using QuestionBank.Data.Entities;

namespace QuestionBank.Data.Configurations;

internal sealed class BookmarkConfiguration : IEntityTypeConfiguration<Bookmark>
{
    public void Configure(EntityTypeBuilder<Bookmark> builder)
    {
        builder.ToTable("bookmarks");
        builder.HasKey(b => new { b.AccountId, b.QuestionId });
        // A learner's bookmarks go with the account; a question's with the question.
        builder.HasOne<Account>().WithMany().HasForeignKey(b => b.AccountId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne(b => b.Question).WithMany().HasForeignKey(b => b.QuestionId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(b => b.QuestionId);
    }
}
