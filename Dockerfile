# The survgraph API image used by docker-compose.yml (Neo4j runs in its own container).
FROM python:3.11-slim
WORKDIR /app
COPY pyproject.toml README.md ./
COPY graph ./graph
COPY api ./api
COPY loaders ./loaders
COPY exports ./exports
COPY cli ./cli
COPY cypher ./cypher
COPY data ./data
# Editable, so cypher/ and data/ are found beside the packages.
RUN pip install --no-cache-dir -e .
ENV SURVGRAPH_HOST=0.0.0.0 SURVGRAPH_PORT=8000 SURVGRAPH_OUT_DIR=/tmp/survgraph-out
EXPOSE 8000
CMD ["sh", "-c", "survgraph load curated && survgraph load snapshot && survgraph serve"]
