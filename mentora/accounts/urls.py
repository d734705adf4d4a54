from django.contrib.auth import views as auth_views
from django.urls import path, reverse_lazy

from mentora.accounts import views, views_org
from mentora.accounts.forms import EmailAuthenticationForm, ResetForm

app_name = "accounts"
urlpatterns = [
    path(
        "login/",
        auth_views.LoginView.as_view(
            template_name="accounts/login.html",
            authentication_form=EmailAuthenticationForm,
            redirect_authenticated_user=True,
        ),
        name="login",
    ),
    path("logout/", views.SignOutView.as_view(), name="logout"),
    path(
        "password-reset/",
        auth_views.PasswordResetView.as_view(
            template_name="accounts/password_reset.html",
            form_class=ResetForm,
            email_template_name="accounts/email/password_reset.txt",
            subject_template_name="accounts/email/password_reset_subject.txt",
            success_url=reverse_lazy("accounts:password_reset_done"),
        ),
        name="password_reset",
    ),
    path(
        "password-reset/sent/",
        auth_views.PasswordResetDoneView.as_view(template_name="accounts/password_reset_done.html"),
        name="password_reset_done",
    ),
    path(
        "reset/<uidb64>/<token>/",
        auth_views.PasswordResetConfirmView.as_view(
            template_name="accounts/password_reset_confirm.html",
            success_url=reverse_lazy("accounts:password_reset_complete"),
        ),
        name="password_reset_confirm",
    ),
    path(
        "reset/done/",
        auth_views.PasswordResetCompleteView.as_view(
            template_name="accounts/password_reset_complete.html"
        ),
        name="password_reset_complete",
    ),
    path("tokens/", views.tokens, name="tokens"),
    path("my-data/", views.my_data, name="my_data"),
    path("my-data/download/", views.my_data_download, name="my_data_download"),
    path("my-data/link/<str:token>/", views.my_data_link, name="my_data_link"),
    path("people/<int:user_id>/send-data/", views.person_data_send, name="person_data_send"),
    path("my-data/erase/", views.my_data_erase, name="my_data_erase"),
    path("erased/", views.erased, name="erased"),
    path("tokens/<int:token_id>/revoke/", views.token_revoke, name="token_revoke"),
    path("program-staff/", views_org.program_staff, name="program_staff"),
    path(
        "program-staff/<int:user_id>/remove/",
        views_org.program_staff_remove,
        name="program_staff_remove",
    ),
    path("branding/", views_org.branding, name="branding"),
    path("branding/logo/", views_org.branding_logo, name="branding_logo"),
]
