# syntax=docker/dockerfile:1
# One image recipe for the four services; SERVICE picks which one the container runs:
#   docker build --build-arg SERVICE=feedback -t crm-care/feedback .
# (or keep one image and set the SERVICE environment variable at run time).
ARG PYTHON_IMAGE=python:3.11-slim

FROM ${PYTHON_IMAGE} AS build
ENV PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    PYTHONDONTWRITEBYTECODE=1
RUN python -m venv /opt/venv
ENV PATH=/opt/venv/bin:$PATH
WORKDIR /src
# Dependencies first, so a code change does not reinstall them.
COPY pyproject.toml README.md ./
RUN mkdir -p shared services && touch shared/__init__.py services/__init__.py \
    && pip install . && pip uninstall -y crm-care-platform
COPY shared ./shared
COPY services ./services
RUN pip install --no-deps . \
    && python -c "import shared.events.envelope as e; assert e.known_event_types()"

FROM ${PYTHON_IMAGE} AS runtime
ARG SERVICE=segmentation
LABEL org.opencontainers.image.title="crm-care-${SERVICE}" \
      org.opencontainers.image.description="Customer-care platform service" \
      org.opencontainers.image.source="docs/platform.md"
ENV SERVICE=${SERVICE} \
    PORT=8000 \
    PATH=/opt/venv/bin:$PATH \
    PYTHONUNBUFFERED=1 \
    PYTHONDONTWRITEBYTECODE=1 \
    CRM_DATA_DIR=/tmp/crm-data
RUN groupadd --system --gid 10001 crm \
    && useradd --system --uid 10001 --gid crm --home-dir /app --shell /usr/sbin/nologin crm \
    && mkdir -p /app && chown crm:crm /app
COPY --from=build /opt/venv /opt/venv
WORKDIR /app
USER 10001:10001
EXPOSE 8000
HEALTHCHECK --interval=10s --timeout=3s --start-period=40s --retries=3 \
    CMD ["python", "-c", "import os, urllib.request; urllib.request.urlopen('http://127.0.0.1:%s/healthz' % os.environ.get('PORT', '8000'), timeout=2)"]
# Keep-alive 75 s, longer than the 60 s idle timeout of common proxies and load balancers: the
# client side closes an idle connection, never the service just as a request is sent on it.
# exec: uvicorn becomes PID 1 and receives SIGTERM for a graceful shutdown of the lifespan.
CMD ["sh", "-c", "exec uvicorn --factory \"services.${SERVICE}.app:create_app\" --host 0.0.0.0 --port \"${PORT}\" --proxy-headers --no-access-log --timeout-keep-alive 75"]
