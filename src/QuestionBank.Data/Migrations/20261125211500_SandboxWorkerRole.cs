using Microsoft.EntityFrameworkCore.Migrations;
using QuestionBank.Data.Runs;

#nullable disable

namespace QuestionBank.Data.Migrations
{
    /// <summary>
    /// The sandbox workers' least-privilege role: it runs code from anyone, so a jail escape must
    /// not reach accounts, import history or questions. The role has no password here (a migration
    /// holds no secret): deployments give it LOGIN and a password from their secret store
    /// (deploy/kubernetes/postgres/init-worker-role.sh, which compose mounts too). Creating it needs CREATEROLE; without that the
    /// migration leaves the grants to an administrator and says so.
    /// </summary>
    public partial class SandboxWorkerRole : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql($"""
                DO $$
                BEGIN
                    IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '{RunQueue.WorkerRole}') THEN
                        CREATE ROLE {RunQueue.WorkerRole} NOLOGIN;
                    END IF;
                    -- Claim, renew and complete runs (RETURNING * needs SELECT).
                    GRANT SELECT, UPDATE ON runs TO {RunQueue.WorkerRole};
                    -- Append progress and status events and store result images (RETURNING id needs SELECT).
                    GRANT SELECT, INSERT ON run_events, run_images TO {RunQueue.WorkerRole};
                    -- Report itself alive and sign off.
                    GRANT SELECT, INSERT, UPDATE, DELETE ON sandbox_workers TO {RunQueue.WorkerRole};
                EXCEPTION WHEN insufficient_privilege THEN
                    RAISE WARNING 'Role {RunQueue.WorkerRole} not created: this user lacks CREATEROLE. Workers then need an administrator to create it and grant what migration SandboxWorkerRole grants.';
                END $$;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            // The role is the cluster's and may serve other databases: only this database's grants go.
            migrationBuilder.Sql($"""
                DO $$
                BEGIN
                    IF EXISTS (SELECT FROM pg_roles WHERE rolname = '{RunQueue.WorkerRole}') THEN
                        REVOKE ALL ON runs, run_events, run_images, sandbox_workers FROM {RunQueue.WorkerRole};
                    END IF;
                END $$;
                """);
        }
    }
}
