// A countdown: the range reversed, held across each `.await`.
async fn main() {
    for i in (1..4).rev() {
        sleep(Duration::from_millis(10)).await;
        println!("{}", i);
    }
}
