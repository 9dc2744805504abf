// The body of a `-> impl Describe` function returns a `u8`, which has no impl: E0277 at the
// return type.
trait Describe {
    fn describe(&self) -> String;
}

fn make() -> impl Describe {
    5u8
}

async fn main() {
    let c = make();
    println!("{}", c.describe());
}
