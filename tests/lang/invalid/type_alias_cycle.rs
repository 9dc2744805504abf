// Two aliases that name each other never reach a type: rustc reports the cycle once, where the
// first alias's type begins.
type Ping = Pong;
type Pong = Option<Ping>;

fn main() {
    let _p: Option<Ping> = None;
}
