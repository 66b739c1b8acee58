//! Errors as the API answers them: a status and `{"error": {"kind", "message", "position"}}`.

use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde::Serialize;

/// What kind of mistake or fault an error is; its name is the `kind` of the JSON error.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ErrorKind {
    /// The query text breaks the grammar (400, with the position).
    Syntax,
    /// A parameter is missing, unknown or malformed (400).
    BadParameter,
    /// A filter names a value the index does not know (400).
    UnknownValue,
    /// No story or route has that name (404).
    NotFound,
    /// The name is taken (409).
    Conflict,
    /// The query text is too long (413).
    TooLarge,
    /// The URL is too long (414).
    UriTooLong,
    /// The search took longer than the time limit (503).
    Timeout,
    /// A fault of the server or the index (500).
    Internal,
}

/// An error answer of the API.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ApiError {
    /// The HTTP status.
    pub status: StatusCode,
    /// What kind of error.
    pub kind: ErrorKind,
    /// What went wrong, for a person.
    pub message: String,
    /// For a syntax error, the character position in the query, counting from 1.
    pub position: Option<usize>,
}

impl ApiError {
    /// An error of `kind` with its usual status.
    pub fn new(kind: ErrorKind, message: impl Into<String>) -> ApiError {
        let status = match kind {
            ErrorKind::Syntax | ErrorKind::BadParameter | ErrorKind::UnknownValue => {
                StatusCode::BAD_REQUEST
            }
            ErrorKind::NotFound => StatusCode::NOT_FOUND,
            ErrorKind::Conflict => StatusCode::CONFLICT,
            ErrorKind::TooLarge => StatusCode::PAYLOAD_TOO_LARGE,
            ErrorKind::UriTooLong => StatusCode::URI_TOO_LONG,
            ErrorKind::Timeout => StatusCode::SERVICE_UNAVAILABLE,
            ErrorKind::Internal => StatusCode::INTERNAL_SERVER_ERROR,
        };
        ApiError {
            status,
            kind,
            message: message.into(),
            position: None,
        }
    }

    /// A bad parameter (400).
    pub fn bad_parameter(message: impl Into<String>) -> ApiError {
        ApiError::new(ErrorKind::BadParameter, message)
    }
}

impl From<newsidx_query::Error> for ApiError {
    fn from(e: newsidx_query::Error) -> ApiError {
        use newsidx_query::Error as E;
        let message = e.to_string();
        match &e {
            E::Syntax { error, .. } => ApiError {
                position: Some(error.column),
                ..ApiError::new(ErrorKind::Syntax, message)
            },
            E::UnknownStory { .. } => ApiError::new(ErrorKind::NotFound, message),
            E::BadDate(_) => ApiError::new(ErrorKind::BadParameter, message),
            E::UnknownValue { .. } => ApiError::new(ErrorKind::UnknownValue, message),
            _ if e.is_user_error() => ApiError::new(ErrorKind::BadParameter, message),
            _ => ApiError::new(ErrorKind::Internal, message),
        }
    }
}

#[derive(Serialize)]
struct Body<'a> {
    error: Inner<'a>,
}

#[derive(Serialize)]
struct Inner<'a> {
    kind: ErrorKind,
    message: &'a str,
    position: Option<usize>,
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let body = Body {
            error: Inner {
                kind: self.kind,
                message: &self.message,
                position: self.position,
            },
        };
        (self.status, Json(body)).into_response()
    }
}
