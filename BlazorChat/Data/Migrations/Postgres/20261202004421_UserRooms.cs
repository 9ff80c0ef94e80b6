using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace BlazorChat.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class UserRooms : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "UserRooms",
                columns: table => new
                {
                    UserId = table.Column<string>(type: "text", nullable: false),
                    Room = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    LastRead = table.Column<string>(type: "character varying(41)", maxLength: 41, nullable: false),
                    OpenedUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_UserRooms", x => new { x.UserId, x.Room });
                    table.ForeignKey(
                        name: "FK_UserRooms_AspNetUsers_UserId",
                        column: x => x.UserId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "UserRooms");
        }
    }
}
