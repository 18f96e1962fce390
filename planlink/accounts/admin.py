from django.contrib import admin
from django.contrib.auth.admin import UserAdmin
from simple_history.admin import SimpleHistoryAdmin

from planlink.accounts.models import RoleAssignment, User


class RoleInline(admin.TabularInline[RoleAssignment, User]):
    model = RoleAssignment
    fk_name = "user"
    raw_id_fields = ("area", "local_government")
    extra = 0


@admin.register(User)
class PlanlinkUserAdmin(UserAdmin[User]):
    inlines = [RoleInline]
    list_display = ("username", "first_name", "is_demo", "is_active", "last_login")


@admin.register(RoleAssignment)
class RoleAssignmentAdmin(SimpleHistoryAdmin):  # type: ignore[misc]
    list_display = ("user", "role", "area", "local_government")
    list_filter = ("role",)
    raw_id_fields = ("user", "area", "local_government")
