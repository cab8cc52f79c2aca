#!/bin/sh
# One database per service (docs/design.md §1: no service reads another's tables).
# Run once by the postgres image on an empty volume (/docker-entrypoint-initdb.d).
set -eu
for service in ${CRM_SERVICE_DATABASES:-segmentation survey feedback playbook console notification}; do
    echo "creating database crm_${service}"
    psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname "$POSTGRES_DB" \
        -c "CREATE DATABASE crm_${service} OWNER \"$POSTGRES_USER\""
done
