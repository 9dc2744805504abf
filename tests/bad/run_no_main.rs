async fn helper() -> u32 {
    1
}
