using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace QuestionBank.Data.Migrations
{
    /// <inheritdoc />
    public partial class AccountRoles : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // One account model with roles: existing admins become accounts with the admin role.
            migrationBuilder.AddColumn<string>(
                name: "role",
                table: "accounts",
                type: "character varying(16)",
                maxLength: 16,
                nullable: false,
                defaultValue: "Learner");

            migrationBuilder.Sql("UPDATE accounts SET role = CASE WHEN is_admin THEN 'Admin' ELSE 'Learner' END;");

            migrationBuilder.DropColumn(
                name: "is_admin",
                table: "accounts");

            migrationBuilder.AddColumn<string>(
                name: "security_stamp",
                table: "accounts",
                type: "character varying(64)",
                maxLength: 64,
                nullable: false,
                defaultValue: "");

            migrationBuilder.Sql("UPDATE accounts SET security_stamp = upper(md5(gen_random_uuid()::text));");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<bool>(
                name: "is_admin",
                table: "accounts",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.Sql("UPDATE accounts SET is_admin = role = 'Admin';");

            migrationBuilder.DropColumn(
                name: "role",
                table: "accounts");

            migrationBuilder.DropColumn(
                name: "security_stamp",
                table: "accounts");
        }
    }
}
