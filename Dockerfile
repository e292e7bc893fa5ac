# Spotter: a static binary on a minimal image.
#   docker build -t spotter .
#   docker run -v spotter-data:/data -e SPOTTER_TELEGRAM_TOKEN=... spotter
FROM golang:1.26 AS build
WORKDIR /src
COPY go.mod go.sum ./
RUN go mod download
COPY . .
RUN CGO_ENABLED=0 go build -trimpath -ldflags="-s -w" -o /out/spotter .

FROM gcr.io/distroless/static-debian12:nonroot
COPY --from=build /out/spotter /spotter
COPY config.example.toml /etc/spotter/config.toml
VOLUME /data
EXPOSE 9090
USER nonroot
ENTRYPOINT ["/spotter", "-config", "/etc/spotter/config.toml", "-data", "/data/spotter.db"]
