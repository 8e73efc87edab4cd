"""Console: people who sign in. Operators manage everyone; a district admin manages the
admins and teachers of their district."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import Response

from passback.operations import districts as district_service
from passback.operations import names as name_service
from passback.operations.accounts import Role
from passback.operations.accounts import users as user_service
from passback.web.console.forms import Form, text
from passback.web.console.render import flash, redirect, render
from passback.web.problems import forbidden, not_found
from passback.web.security import ConsoleUser, engine_of

router = APIRouter()


@router.get("/users")
def users_page(request: Request, me: ConsoleUser) -> Response:
    if me.role not in (Role.OPERATOR, Role.DISTRICT_ADMIN):
        raise forbidden("only operators and district admins manage users")
    engine = engine_of(request)
    people = user_service.list_users(engine, district=None if me.is_operator else me.district)
    districts = [d for d in district_service.district_ids(engine) if me.sees(d)]
    sis_names = {
        (u.district, u.sis_user): name_service.names_of(engine, u.district).person(u.sis_user)
        for u in people
        if u.district and u.sis_user
    }
    return render(
        request,
        "users.html",
        section="users",
        people=people,
        districts=districts,
        sis_names=sis_names,
    )


@router.post("/users")
def add_user(request: Request, me: ConsoleUser, form: Form) -> Response:
    if me.role not in (Role.OPERATOR, Role.DISTRICT_ADMIN):
        raise forbidden("only operators and district admins manage users")
    role = text(form, "role")
    district = text(form, "district") or None
    if not me.is_operator:
        if role == Role.OPERATOR.value:
            raise forbidden("only an operator can add operators")
        district = me.district
    try:
        user_service.create_user(
            engine_of(request),
            username=text(form, "username"),
            password=str(form.get("password") or ""),
            role=role,
            district=district,
            sis_user=text(form, "sis_user") or None,
            display_name=text(form, "display_name") or None,
            by=me.name,
        )
        flash(request, f"User {text(form, 'username')} added.")
    except user_service.AccountError as exc:
        flash(request, f"Not added: {exc.field}: {exc.message}", "error")
    return redirect("/users")


@router.post("/users/{user_id}/{change}")
def change_user(
    request: Request, me: ConsoleUser, user_id: int, change: str, form: Form
) -> Response:
    if me.role not in (Role.OPERATOR, Role.DISTRICT_ADMIN) or change not in ("disable", "enable"):
        raise not_found(f"user {user_id}")
    engine = engine_of(request)
    user = user_service.get_user(engine, user_id)
    visible = user is not None and (
        me.is_operator or (user.district is not None and me.sees(user.district))
    )
    if user is None or not visible:
        raise not_found(f"user {user_id}")
    if user.id == me.user_id:
        flash(request, "You cannot disable yourself.", "error")
        return redirect("/users")
    user_service.set_disabled(engine, user_id, change == "disable", by=me.name)
    flash(request, f"User {user.username} {'disabled' if change == 'disable' else 'enabled'}.")
    return redirect("/users")
