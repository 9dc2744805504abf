// The handlers of a select! are the arms of one expression: their types must agree.
async fn main() {
    let n = tokio::select! {
        text = async_read_file("foo.txt") => text.len(),
        _ = sleep(Duration::from_millis(5)) => "timed out",
    };
}
