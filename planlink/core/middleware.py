from django.conf import settings
from django.http import HttpRequest
from django.utils import translation
from django.utils.deprecation import MiddlewareMixin


class ThaiFirstLocaleMiddleware(MiddlewareMixin):
    """Thai unless the user chose English with the language switch (a cookie).

    Django's LocaleMiddleware would follow the browser's Accept-Language, and many officers'
    browsers say English; planlink is Thai first, so only an explicit choice changes it.
    """

    def process_request(self, request: HttpRequest) -> None:
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME, "")
        available = {code for code, _ in settings.LANGUAGES}
        language = chosen if chosen in available else settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = language

    def process_response(self, request, response):  # type: ignore[no-untyped-def]
        response.headers.setdefault("Content-Language", translation.get_language())
        return response
